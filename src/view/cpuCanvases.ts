/**
 * Runs `create` with every 2D canvas context it opens drawn by the CPU (`willReadFrequently`), for a
 * library that opens its canvas itself (uPlot). An accelerated 2D canvas that is drawn faster than the
 * GPU finishes its frames makes the page's main thread wait for the GPU (Chromium's rate limiter), and
 * the GPU is shared with the 3D view: in headless Chromium, with a worker pool running, a chart redraw
 * waited 170–370 ms that way. Small charts draw as fast on the CPU and never wait.
 */
export function withCpuCanvases<T>(create: () => T): T {
  const prototype = HTMLCanvasElement.prototype;
  const getContext = prototype.getContext;
  prototype.getContext = function (this: HTMLCanvasElement, type: string, attributes?: object) {
    return getContext.call(this, type, type === '2d' ? { ...attributes, willReadFrequently: true } : attributes);
  } as typeof getContext;
  try {
    return create();
  } finally {
    prototype.getContext = getContext;
  }
}
