import { mount } from '../shared/ui/mount.js';
import { AgentApp } from '../agent/AgentApp.js';

mount(<AgentApp />);
