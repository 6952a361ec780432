// Preloaded into a shard process by the sweep tests (node --import): once the shard has written
// SPINELAB_TEST_KILL_AFTER_LINES point lines, it stops it as a scheduler would, at a fixed point rather
// than at a time. Test code only.
//   default:                       writes half of the next line, then SIGKILLs itself (a hard kill mid-write);
//   SPINELAB_TEST_KILL_MODE=group: sends SIGTERM to its process group, as Slurm does to a job's processes at
//                                  its time limit (the test starts the job script as a group leader).
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const limit = Number(process.env.SPINELAB_TEST_KILL_AFTER_LINES);
const group = process.env.SPINELAB_TEST_KILL_MODE === 'group';
const write = fs.writeSync;
let lines = 0;
fs.writeSync = function (fd, data, ...rest) {
  if (typeof data === 'string' && data.startsWith('{"sweep"')) {
    if (lines === limit) {
      if (group) {
        // The job script is the group leader and this process's parent.
        process.kill(-process.ppid, 'SIGTERM');
      } else {
        write.call(fs, fd, data.slice(0, Math.floor(data.length / 2)));
        process.kill(process.pid, 'SIGKILL');
      }
    }
    lines++;
  }
  return write.call(fs, fd, data, ...rest);
};
syncBuiltinESMExports();
