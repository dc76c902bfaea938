// L'état d'un mandat en une phrase : jusqu'à quand il marche, depuis quand il est fini ou arrêté.
import { formatDate, type PortalKey } from '../i18n';
import { usePortal } from './use-portal';

interface Dated {
  status: 'actif' | 'expire' | 'revoque' | 'a_signer';
  expiresAt: Date | string | null;
  revokedAt: Date | string | null;
}

export function MandateState({ mandate }: { mandate: Dated }) {
  const { t, language, timeZone } = usePortal();
  const at = mandate.status === 'revoque' ? mandate.revokedAt : mandate.expiresAt;
  return (
    <p>
      <strong>{t(`mandats.etat.${mandate.status}` as PortalKey, { date: at ? formatDate(language, new Date(at), timeZone) : '' })}</strong>
    </p>
  );
}
