/** Every client-side route. Pages load on demand; the server answers index.html for any non-/api path. */
import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';
import SignInPage from '../pages/SignInPage.tsx';
import { RequireAnyPermission, RequireAuth } from './RequireAuth.tsx';
import { Shell } from './Shell.tsx';

const HomePage = lazy(() => import('../pages/home/HomePage.tsx'));
const DocumentsPage = lazy(() => import('../pages/documents/DocumentsPage.tsx'));
const DocumentPage = lazy(() => import('../pages/documents/DocumentPage.tsx'));
const DraftPage = lazy(() => import('../pages/drafts/DraftPage.tsx'));
const AdminPage = lazy(() => import('../pages/admin/AdminPage.tsx'));
const ProfilePage = lazy(() => import('../pages/profile/ProfilePage.tsx'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage.tsx'));
const LedgerPage = lazy(() => import('../pages/ledger/LedgerPage.tsx'));
const TaskPage = lazy(() => import('../pages/tasks/TaskPage.tsx'));
const SupervisionPage = lazy(() => import('../pages/supervision/SupervisionPage.tsx'));
const StatsPage = lazy(() => import('../pages/stats/StatsPage.tsx'));
const SearchPage = lazy(() => import('../pages/search/SearchPage.tsx'));
const RelaysPage = lazy(() => import('../pages/relays/RelaysPage.tsx'));
const RelayCampaignPage = lazy(() => import('../pages/relays/RelayCampaignPage.tsx'));
const InspectionsPage = lazy(() => import('../pages/inspections/InspectionsPage.tsx'));
const InspectionPage = lazy(() => import('../pages/inspections/InspectionPage.tsx'));
const IndicatorsPage = lazy(() => import('../pages/indicators/IndicatorsPage.tsx'));
const IndicatorPage = lazy(() => import('../pages/indicators/IndicatorPage.tsx'));
const EvaluationsPage = lazy(() => import('../pages/evaluations/EvaluationsPage.tsx'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          <Route path="ledger" element={<LedgerPage />} />
          <Route path="tasks/:id" element={<TaskPage />} />
          <Route path="documents" element={<DocumentsPage />} />
          <Route path="documents/:id" element={<DocumentPage />} />
          <Route
            path="drafts/:id"
            element={<RequireAnyPermission permissions={['programme.manage']}><DraftPage /></RequireAnyPermission>}
          />
          <Route path="supervision" element={<SupervisionPage />} />
          <Route path="stats" element={<StatsPage />} />
          <Route path="relays" element={<RelaysPage />} />
          <Route path="relays/:id" element={<RelayCampaignPage />} />
          <Route path="inspections" element={<InspectionsPage />} />
          <Route path="inspections/:id" element={<InspectionPage />} />
          <Route path="indicators" element={<IndicatorsPage />} />
          <Route path="indicators/:id" element={<IndicatorPage />} />
          <Route path="evaluations" element={<RequireAnyPermission permissions={['evaluation.read']}><EvaluationsPage /></RequireAnyPermission>} />
          <Route
            path="admin/*"
            element={
              <RequireAnyPermission permissions={['unit.manage', 'user.manage', 'audit.read', 'webhook.manage']}>
                <AdminPage />
              </RequireAnyPermission>
            }
          />
          <Route path="search" element={<SearchPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="profile/tokens" element={<ProfilePage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
