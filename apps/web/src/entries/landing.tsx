import { mount } from '../shared/ui/mount.js';
import { LandingPage } from '../landing/LandingPage.js';

mount(<LandingPage />);
