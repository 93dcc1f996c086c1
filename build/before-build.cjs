/**
 * electron-builder's beforeBuild hook, run before it rebuilds native modules (better-sqlite3) for
 * Electron. npm hands its `nodedir` setting to scripts as npm_config_nodedir; @electron/rebuild's
 * node-gyp then compiles against that Node's headers instead of Electron's, and the installer
 * ships a module with the wrong ABI that fails only when a desk starts. Refuse instead.
 */
exports.default = async function beforeBuild() {
  const nodedir = process.env.npm_config_nodedir;
  if (nodedir) {
    throw new Error(
      `npm's nodedir is set (${nodedir}): native modules would be built against those Node headers, not Electron's. ` +
        'Remove nodedir from .npmrc (or run with npm_config_nodedir= ) and package again.',
    );
  }
  return true;
};
