import { createApp } from 'vue';
import App from './App.vue';
import { whenSessionEnds } from './api/client';
import { i18n, savedLocale } from './i18n';
import { router } from './router';
import './styles.css';

document.documentElement.lang = savedLocale();

// A 401 anywhere (token expired, signed out elsewhere, password changed): sign in again, then back here.
whenSessionEnds(() => {
  const current = router.currentRoute.value;
  if (current.name !== 'login') void router.replace({ name: 'login', query: { redirect: current.fullPath, ended: '1' } });
});

createApp(App).use(i18n).use(router).mount('#app');
