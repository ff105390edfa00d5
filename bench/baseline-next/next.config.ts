import type { NextConfig } from "next";

// Its own (empty) config: without one, Next finds the app's next.config.ts in a parent folder.
const nextConfig: NextConfig = {};

export default nextConfig;
