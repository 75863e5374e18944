import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { adoptPathIntoHash } from './app/router.js';
import './styles.css';

adoptPathIntoHash(window.location, window.history);

const container = document.getElementById('root');
if (!container) throw new Error('deck: #root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
