import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
