import { mount } from '../shared/ui/mount.js';
import { SupervisorApp } from '../supervisor/SupervisorApp.js';

mount(<SupervisorApp />);
