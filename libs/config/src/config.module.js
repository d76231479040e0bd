var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var FirsthandConfigModule_1;
import { Global, Module } from '@nestjs/common';
/** Injection token for the typed configuration object. */
export const FIRSTHAND_CONFIG = Symbol('FIRSTHAND_CONFIG');
let FirsthandConfigModule = FirsthandConfigModule_1 = class FirsthandConfigModule {
    static forRoot(config) {
        return { module: FirsthandConfigModule_1, providers: [{ provide: FIRSTHAND_CONFIG, useValue: config }], exports: [FIRSTHAND_CONFIG] };
    }
};
FirsthandConfigModule = FirsthandConfigModule_1 = __decorate([
    Global(),
    Module({})
], FirsthandConfigModule);
export { FirsthandConfigModule };
//# sourceMappingURL=config.module.js.map