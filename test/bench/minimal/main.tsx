// The smallest app on this stack: the floor of the initial download that bundleSize.bench.ts compares to.
import { Canvas } from '@react-three/fiber';
import { createRoot } from 'react-dom/client';

function App() {
  return (
    <Canvas>
      <ambientLight />
      <mesh>
        <boxGeometry />
        <meshStandardMaterial color="orange" />
      </mesh>
    </Canvas>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
