import { appConfig } from "../vite.base";

// The extension writes the page itself (with the realm's configuration and a strict Content-Security-Policy) and
// finds the entry script and its styles in .vite/manifest.json; every asset name carries its content hash, so the
// server may let browsers keep them for a year.
export default appConfig({
  build: { assetsInlineLimit: 0 },
});
