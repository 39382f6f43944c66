// esbuild loads .graphql files as text (so each operation's exact text can be registered as a
// trusted document) and bundles imported CSS beside the page's script.
declare module '*.graphql' {
  const text: string;
  export default text;
}
declare module '*.css';
