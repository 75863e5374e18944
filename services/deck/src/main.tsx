import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { adoptPathIntoHash, pathFromHash } from './app/router.js';
import { resolveRoute } from './app/routes.js';
import './styles.css';

adoptPathIntoHash(window.location, window.history);

const container = document.getElementById('root');
if (!container) throw new Error('deck: #root is missing from index.html');

const render = () =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// A deep link's screen (and its first gate reads) load before the first render, so it renders
// in one commit rather than after a suspended fallback; never wait more than 2 s for it.
const first = resolveRoute(pathFromHash(window.location.hash));
const preload = first?.route.preload?.(first.params);
if (preload) void Promise.race([preload, new Promise((r) => setTimeout(r, 2_000))]).finally(render);
else render();
