/** Raised at boot when the environment is wrong; names every bad variable. */
export class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
        this.problems = problems;
    }
}
//# sourceMappingURL=config-error.js.map