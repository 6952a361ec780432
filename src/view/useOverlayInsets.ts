import { useEffect, useState, type RefObject } from 'react';

/**
 * How much of the 3D view the overlays cover: the legend's right edge (left inset) and the camera
 * buttons' height (bottom inset), in CSS pixels, kept current as they resize. Hidden overlays count 0.
 */
export function useOverlayInsets(left: RefObject<HTMLElement | null>, bottom: RefObject<HTMLElement | null>): { left: number; bottom: number } {
  const [insets, setInsets] = useState({ left: 0, bottom: 0 });
  useEffect(() => {
    const measure = () => {
      const l = left.current;
      const b = bottom.current;
      const next = {
        left: l && l.offsetParent ? Math.round(l.offsetLeft + l.offsetWidth) : 0,
        bottom: b && b.offsetParent && b.offsetParent instanceof HTMLElement ? Math.round(b.offsetParent.clientHeight - b.offsetTop) : 0,
      };
      setInsets((previous) => (previous.left === next.left && previous.bottom === next.bottom ? previous : next));
    };
    const observer = new ResizeObserver(measure);
    for (const element of [left.current, bottom.current, left.current?.parentElement]) if (element) observer.observe(element);
    measure();
    return () => observer.disconnect();
  }, [left, bottom]);
  return insets;
}
