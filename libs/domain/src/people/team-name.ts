/** How long a team's name may be, at creation and rename alike (unique whatever its case). */
export const TEAM_NAME_MAX_LENGTH = 80;
