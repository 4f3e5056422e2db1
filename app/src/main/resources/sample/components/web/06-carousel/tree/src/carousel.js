export function nextImage(images, index) {
  return images.length === 0 ? -1 : (index + 1) % images.length;
}
