/** Files accepted in one multipart request; the UI splits larger uploads (it reads this from /me). */
export const MAX_FILES_PER_REQUEST = 10;
