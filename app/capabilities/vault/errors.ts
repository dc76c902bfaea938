// Les messages d'absence du coffre-fort, partagés par ses pages.
export const DOCUMENT_NOT_FOUND = "Ce papier n'est pas (ou plus) dans le coffre-fort de cette personne.";
