import { createContext, useContext } from 'react';

// Côté navigateur le nonce vaut '' : il ne sert qu'au rendu serveur.
const NonceContext = createContext('');
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
