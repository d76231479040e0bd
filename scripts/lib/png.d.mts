// Types for png.mjs.
export function pngImage(width: number, height: number, colourAt: (x: number, y: number) => [number, number, number]): Buffer;
