export {};
//# sourceMappingURL=ticket-decision.js.map