import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The extension writes the page itself (with the realm's configuration and a strict Content-Security-Policy) and
// finds the entry script and its styles in .vite/manifest.json; every asset name carries its content hash, so the
// server may let browsers keep them for a year.
export default defineConfig({
  base: "",
  plugins: [react()],
  build: {
    outDir: "target/dist",
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    modulePreload: false,
    assetsInlineLimit: 0,
    rollupOptions: {
      input: "src/main.tsx",
    },
  },
});
