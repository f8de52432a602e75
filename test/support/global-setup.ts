/** Runs once before the suite: nothing yet beyond a sanity check of the Node version. */
export default function setup(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) throw new Error(`Luoshi needs Node.js 20 or newer, found ${process.versions.node}`);
}
