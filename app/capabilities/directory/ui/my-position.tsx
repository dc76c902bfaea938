// « Utiliser ma position » : avec JavaScript seulement (le navigateur demande l'accord de la personne) ;
// sans JavaScript, la distance part de la structure ou d'un lieu choisi dans la liste.
import { useEffect, useState } from 'react';

export function MyPosition({ form, initial }: { form: string; initial: { latitude: number; longitude: number } | null }) {
  const [available, setAvailable] = useState(false);
  const [position, setPosition] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setAvailable('geolocation' in navigator), []);

  const locate = () => {
    setMessage('Recherche de votre position…');
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setPosition({ latitude: Number(coords.latitude.toFixed(5)), longitude: Number(coords.longitude.toFixed(5)) });
        setMessage(null);
        const from = document.querySelector<HTMLSelectElement>(`#${form} select[name="depuis"]`);
        if (from) {
          if (![...from.options].some((o) => o.value === 'position')) from.add(new Option('Ma position', 'position'));
          from.value = 'position';
        }
        // Le formulaire part une fois les champs cachés rendus.
        requestAnimationFrame(() => (document.getElementById(form) as HTMLFormElement | null)?.requestSubmit());
      },
      () =>
        setMessage("Votre position n'a pas pu être lue (accord refusé ou signal absent) : choisissez un point de départ dans la liste."),
      { timeout: 10_000, maximumAge: 60_000 },
    );
  };

  if (!available && !position) return null;
  return (
    <>
      {position && (
        <>
          <input type="hidden" name="lat" value={position.latitude} form={form} />
          <input type="hidden" name="lon" value={position.longitude} form={form} />
        </>
      )}
      {available && (
        <button type="button" className="fr-btn fr-btn--secondary fr-mr-2w" onClick={locate}>
          Près de ma position
        </button>
      )}
      <span role="status">{message}</span>
    </>
  );
}
