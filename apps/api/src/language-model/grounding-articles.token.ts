/**
 * Nest token of the optional GroundingArticles provider (@firsthand/domain). The knowledge-base
 * module provides it; when nothing does, drafting runs without articles and says so in the prompt.
 */
export const GROUNDING_ARTICLES = Symbol('GROUNDING_ARTICLES');
