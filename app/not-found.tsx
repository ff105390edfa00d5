import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-600">This page does not exist, or the link is no longer valid.</p>
      <Link href="/" className="font-medium text-indigo-700 hover:underline">
        Go to SixthDesk
      </Link>
    </main>
  );
}
