/** Reads typed values out of an environment, collecting every problem instead of stopping at one. */
export class EnvReader {
    env;
    problems = [];
    constructor(env) {
        this.env = env;
    }
    raw(name) {
        const value = this.env[name];
        return value === undefined || value.trim() === '' ? undefined : value.trim();
    }
    string(name, fallback) {
        const value = this.raw(name) ?? fallback;
        if (value === undefined) {
            this.problems.push(`${name} is required`);
            return '';
        }
        return value;
    }
    optionalString(name) {
        return this.raw(name);
    }
    int(name, fallback, min, max) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        const parsed = Number(value);
        if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
            this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
            return fallback;
        }
        return parsed;
    }
    bool(name, fallback) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        if (['true', '1', 'yes'].includes(value.toLowerCase()))
            return true;
        if (['false', '0', 'no'].includes(value.toLowerCase()))
            return false;
        this.problems.push(`${name} must be true or false, got "${value}"`);
        return fallback;
    }
    url(name, protocols, fallback) {
        const value = this.string(name, fallback);
        if (!value)
            return value;
        try {
            const parsed = new URL(value);
            if (!protocols.includes(parsed.protocol)) {
                this.problems.push(`${name} must be a ${protocols.join(' or ')} URL, got "${parsed.protocol}"`);
            }
        }
        catch {
            this.problems.push(`${name} must be a URL`);
        }
        return value;
    }
    oneOf(name, allowed, fallback) {
        const value = this.raw(name);
        if (value === undefined)
            return fallback;
        if (!allowed.includes(value)) {
            this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
            return fallback;
        }
        return value;
    }
}
//# sourceMappingURL=env-reader.js.map