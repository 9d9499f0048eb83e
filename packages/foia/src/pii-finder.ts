/** The finder lives in core, where the search index's policy flags use it too; FOIA redactions use it from here. */
export { findPii, type PiiKind, type PiiSuggestion, type VersionPiiSuggestion } from '@verbatim/core';
