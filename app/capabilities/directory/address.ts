// L'adresse d'un lieu sur une ligne : « 5 allée des Lettres, 37000 Tours » (parties absentes omises).
export const postalAddress = (place: { street: string | null; postalCode: string | null; city: string | null }) =>
  [place.street, [place.postalCode, place.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
