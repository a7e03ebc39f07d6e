import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { session } from './api/session';
import { isSupervisor } from './lib/me';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page's name (menu, document title). */
    title?: string;
    /** Reachable without signing in. */
    public?: boolean;
    /** Where the menu shows it: the main list, the administration group, or nowhere. */
    menu?: 'main' | 'admin';
    /** Shown in the phone's bottom tab bar. */
    tab?: boolean;
    /** Only for administrators. */
    admin?: boolean;
  }
}

// One file per page under pages/, each its own chunk: the sign-in page loads none of the others.
export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true, title: 'login.title' } },
  {
    path: '/',
    component: () => import('./layouts/MainLayout.vue'),
    children: [
      // Supervisors and chairs start on the board, everyone else on their own items.
      { path: '', name: 'home', redirect: () => ({ name: isSupervisor(session.user()) ? 'board' : 'my' }) },
      { path: 'board', name: 'board', component: () => import('./pages/BoardPage.vue'), meta: { title: 'nav.board', menu: 'main' } },
      { path: 'my', name: 'my', component: () => import('./pages/MyItemsPage.vue'), meta: { title: 'nav.my', menu: 'main', tab: true } },
      {
        path: 'resolutions',
        name: 'resolutions',
        component: () => import('./pages/ResolutionsPage.vue'),
        meta: { title: 'nav.resolutions', menu: 'main', tab: true },
      },
      {
        path: 'resolutions/:id',
        name: 'resolution',
        component: () => import('./pages/ResolutionPage.vue'),
        props: true,
        meta: { title: 'nav.resolutions' },
      },
      {
        path: 'inbox',
        name: 'inbox',
        component: () => import('./pages/InboxPage.vue'),
        meta: { title: 'nav.inbox', menu: 'main', tab: true },
      },
      {
        path: 'meetings',
        name: 'meetings',
        component: () => import('./pages/MeetingsPage.vue'),
        meta: { title: 'nav.meetings', menu: 'main' },
      },
      {
        path: 'bulletins',
        name: 'bulletins',
        component: () => import('./pages/BulletinsPage.vue'),
        meta: { title: 'nav.bulletins', menu: 'main' },
      },
      {
        path: 'assessment',
        name: 'assessment',
        component: () => import('./pages/AssessmentPage.vue'),
        meta: { title: 'nav.assessment', menu: 'main' },
      },
      {
        path: 'follow-up',
        name: 'follow-up',
        component: () => import('./pages/FollowUpPage.vue'),
        meta: { title: 'nav.followUp', menu: 'main' },
      },
      {
        path: 'admin/organizations',
        name: 'admin-organizations',
        component: () => import('./pages/AdminOrganizationsPage.vue'),
        meta: { title: 'nav.organizations', menu: 'admin', admin: true },
      },
      {
        path: 'admin/people',
        name: 'admin-people',
        component: () => import('./pages/AdminPeoplePage.vue'),
        meta: { title: 'nav.people', menu: 'admin', admin: true },
      },
      {
        path: 'admin/councils',
        name: 'admin-councils',
        component: () => import('./pages/AdminCouncilsPage.vue'),
        meta: { title: 'nav.councils', menu: 'admin' },
      },
      {
        path: 'admin/channels',
        name: 'admin-channels',
        component: () => import('./pages/AdminChannelsPage.vue'),
        meta: { title: 'nav.channels', menu: 'admin' },
      },
      {
        path: 'admin/calendar',
        name: 'admin-calendar',
        component: () => import('./pages/AdminCalendarPage.vue'),
        meta: { title: 'nav.calendar', menu: 'admin', admin: true },
      },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

// Signed-out visitors go to sign in, and come back where they were going (a link from a message).
router.beforeEach((to) => {
  if (to.meta.public || session.token()) return true;
  return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
});
