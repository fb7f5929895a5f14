import js from "@eslint/js";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * One lint for the workspace (shared/, account-ui/, centre-ui/), run by themes/pom.xml before the builds: the
 * recommended JavaScript, typed TypeScript and React hooks rules, and no promise left unhandled (a call whose
 * failure nobody shows is a page that waits forever).
 */
export default tseslint.config(
  { ignores: ["**/target/**", "**/node_modules/**"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  reactHooks.configs.flat.recommended,
  {
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: dirname(fileURLToPath(import.meta.url)) },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/only-throw-error": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression:matches([body.type='Identifier'][body.name='undefined'], [body.type='BlockStatement'][body.body.length=0])",
          message: "A failure must reach the user: show it (an alert, a notice) instead of swallowing it.",
        },
      ],
    },
  },
  {
    files: ["**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
