import { data } from 'react-router';

export const PERSON_NOT_FOUND = "Cette personne n'existe pas dans votre structure.";

/** Une personne inexistante et celle d'une autre structure : la même réponse 404. */
export const personNotFound = () => data({ message: PERSON_NOT_FOUND }, { status: 404 });
