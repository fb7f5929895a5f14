import react from "@vitejs/plugin-react";
import { mergeConfig, type UserConfig } from "vite";

/**
 * What both apps build alike: React, one entry (src/main.tsx) and a manifest (.vite/manifest.json) by which the
 * server finds the entry script and its styles, output in target/dist where themes/pom.xml picks it up. Each app's
 * vite.config.ts adds only what differs.
 */
export function appConfig(own: UserConfig): UserConfig {
  const common: UserConfig = {
    base: "",
    plugins: [react()],
    build: {
      outDir: "target/dist",
      emptyOutDir: true,
      manifest: true,
      target: "es2022",
      modulePreload: false,
      rollupOptions: { input: "src/main.tsx" },
    },
  };
  return mergeConfig(common, own);
}
