import { createRoot } from 'react-dom/client';

function Placeholder() {
  return <main style={{ fontFamily: 'system-ui', padding: '2rem' }}><h1>SpineLab</h1><p>The 3D view is on its way.</p></main>;
}

createRoot(document.getElementById('root')!).render(<Placeholder />);
