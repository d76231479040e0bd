import { mount } from '../shared/ui/mount.js';
import { TrackApp } from '../track/TrackApp.js';

mount(<TrackApp />);
