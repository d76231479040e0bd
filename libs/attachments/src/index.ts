/** Files customers and agents attach: where the bytes live, what they really are, what may be shown inline. */
export {};
