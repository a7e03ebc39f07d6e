import assessment from './assessment';
import board from './board';
import bulletins from './bulletins';
import common from './common';
import followUp from './followUp';
import inbox from './inbox';
import login from './login';
import meetings from './meetings';
import my from './my';
import resolutions from './resolutions';
import admin from './admin';

// One file per area so that pages built in parallel never edit the same file.
export default { ...common, login, board, resolutions, my, inbox, meetings, bulletins, assessment, followUp, admin };
