// Jest transform: esbuild strips the TypeScript types (type-checking is `npm run typecheck`'s job).
const esbuild = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'es2022',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code, map };
  },
};
