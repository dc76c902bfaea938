// Zone de signature au doigt ou à la souris, seulement quand JavaScript est actif : le tracé est écrit dans
// un champ caché (chemin SVG dans une zone de 600 × 200). Sans JavaScript, le nom écrit et la case suffisent.
import { useEffect, useRef, useState } from 'react';

const WIDTH = 600;
const HEIGHT = 200;

export function SignaturePad({ name }: { name: string }) {
  const [hydrated, setHydrated] = useState(false);
  const [path, setPath] = useState('');
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => setHydrated(true), []);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const context = element.getContext('2d')!;
    context.lineWidth = 3;
    context.lineCap = 'round';
    let drawing = false;
    const point = (event: PointerEvent) => {
      const box = element.getBoundingClientRect();
      return [
        Math.round(((event.clientX - box.left) / box.width) * WIDTH),
        Math.round(((event.clientY - box.top) / box.height) * HEIGHT),
      ] as const;
    };
    const down = (event: PointerEvent) => {
      drawing = true;
      element.setPointerCapture(event.pointerId);
      const [x, y] = point(event);
      context.beginPath();
      context.moveTo(x, y);
      setPath((p) => `${p}M ${x} ${y} `);
    };
    const move = (event: PointerEvent) => {
      if (!drawing) return;
      const [x, y] = point(event);
      context.lineTo(x, y);
      context.stroke();
      setPath((p) => `${p}L ${x} ${y} `);
    };
    const up = () => (drawing = false);
    element.addEventListener('pointerdown', down);
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', up);
    return () => {
      element.removeEventListener('pointerdown', down);
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', up);
    };
  }, [hydrated]);

  if (!hydrated) return null;
  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    setPath('');
  };
  return (
    <div className="fr-mb-3w">
      <p className="fr-mb-1w" id="signature-aide">
        La personne peut aussi signer ici, au doigt ou à la souris (facultatif).
      </p>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        className="relais-signature"
        aria-describedby="signature-aide"
        role="img"
        aria-label="Zone de signature"
      />
      <input type="hidden" name={name} value={path.trim()} />
      <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={clear}>
        Effacer la signature
      </button>
    </div>
  );
}
