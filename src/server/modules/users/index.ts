/** The users module's public surface: other modules import only from here. */
export { activeUsersWithRole, displayNameOf, displayNamesOf, findPasswordHash, findUserUnit, findUserWithSecret, recordSignIn, toUser, updateUserRow, type User } from './users.repository.ts';
export { createUser, findUserByUsername, getUser, listUsers, resetPassword, updateUser } from './users.service.ts';
export { userRoutes } from './users.routes.ts';
export { provideSessionEnder, type SessionEnder } from './session-port.ts';
export { presentUser } from './users.presenter.ts';
export { activeUsersOfUnits, unitNameOfUser } from './user-units.repository.ts';
export { activeUserIds } from './users.repository.ts';
export { activeUnitMembersWithRole, activeUserContacts, userContactsJson, userContactsQuery, usersWithRolesQuery, type UserContact, type UserIds } from './user-contacts.repository.ts';
