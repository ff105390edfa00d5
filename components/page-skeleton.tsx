import { Skeleton } from "@/components/ui/skeleton";

export function PageSkeleton() {
  return (
    <output className="block space-y-4" aria-busy="true" aria-label="Loading">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-4 w-72" />
      <Skeleton className="h-64 w-full" />
    </output>
  );
}
