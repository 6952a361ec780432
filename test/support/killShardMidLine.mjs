// Preloaded into a shard process by the sweep tests (node --import): once the shard has written
// SPINELAB_TEST_KILL_AFTER_LINES point lines, it writes half of the next one and kills its own process
// with SIGKILL, as a scheduler's hard kill would at the worst moment. Test code only.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const limit = Number(process.env.SPINELAB_TEST_KILL_AFTER_LINES);
const write = fs.writeSync;
let lines = 0;
fs.writeSync = function (fd, data, ...rest) {
  if (typeof data === 'string' && data.startsWith('{"sweep"')) {
    if (lines === limit) {
      write.call(fs, fd, data.slice(0, Math.floor(data.length / 2)));
      process.kill(process.pid, 'SIGKILL');
    }
    lines++;
  }
  return write.call(fs, fd, data, ...rest);
};
syncBuiltinESMExports();
