window.DANGAN_DOC_NUMBERS = {};
