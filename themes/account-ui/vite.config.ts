import { appConfig } from "../vite.base";

// The account console's index.ftl (keycloak.v3) reads .vite/manifest.json to find the entry script and its styles,
// and maps react, react-dom and react/jsx-runtime to the server's own copies through an import map: they stay external
// so the page runs on the one React the server ships.
export default appConfig({
  build: {
    rollupOptions: {
      external: ["react", "react/jsx-runtime", "react-dom"],
      // One script: the server lists the entry's imports by their manifest keys, not their files, and a chunk shared
      // between the entry and the console's lazily loaded pages would import the entry back before it is initialised.
      output: { inlineDynamicImports: true },
    },
  },
});
