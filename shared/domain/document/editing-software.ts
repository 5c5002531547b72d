/**
 * Programs whose name in a file's metadata (EXIF Software, XMP CreatorTool, PNG Software, PDF
 * Producer/Creator) means the image went through an editor or a generator after capture. Phone camera
 * firmware and scanner drivers also write Software ("iOS 17.2", "HP Scan"): those are not listed.
 * FBI notices (2023-2025) report AI-altered and AI-generated ID photos, hence the generator entries.
 */
const EDITORS: [RegExp, string][] = [
  [/photoshop/i, 'Adobe Photoshop'],
  [/lightroom/i, 'Adobe Lightroom'],
  [/illustrator/i, 'Adobe Illustrator'],
  [/\bgimp\b/i, 'GIMP'],
  [/snapseed/i, 'Snapseed'],
  [/picsart/i, 'PicsArt'],
  [/pixlr/i, 'Pixlr'],
  [/photopea/i, 'Photopea'],
  [/canva/i, 'Canva'],
  [/facetune/i, 'Facetune'],
  [/faceapp/i, 'FaceApp'],
  [/affinity photo/i, 'Affinity Photo'],
  [/paint\.net/i, 'Paint.NET'],
  [/paintshop|paint shop pro/i, 'PaintShop Pro'],
  [/pixelmator/i, 'Pixelmator'],
  [/\bfotor\b/i, 'Fotor'],
  [/inkscape/i, 'Inkscape'],
  [/corel(draw)?/i, 'Corel'],
  [/remini/i, 'Remini'],
  [/meitu/i, 'Meitu'],
];

const GENERATORS: [RegExp, string][] = [
  [/stable.?diffusion|automatic1111|comfyui/i, 'Stable Diffusion'],
  [/midjourney/i, 'Midjourney'],
  [/dall.?e/i, 'DALL-E'],
  [/firefly/i, 'Adobe Firefly'],
  [/generative fill/i, 'Adobe Generative Fill'],
];

export interface EditingSoftware {
  name: string;
  generator: boolean;
}

export function detectEditingSoftware(value: string | undefined): EditingSoftware | undefined {
  if (!value) return undefined;
  for (const [re, name] of GENERATORS) if (re.test(value)) return { name, generator: true };
  for (const [re, name] of EDITORS) if (re.test(value)) return { name, generator: false };
  return undefined;
}
