import { PageSkeleton } from "@/components/page-skeleton";

// Only list pages stream a skeleton: detail pages render whole so an unknown id is a real HTTP 404.
export default PageSkeleton;
