/**
 * The word lists and one-to-one replacements of the LaTeX normalizer (`latex.ts`).
 * Private module.
 *
 * @module
 */

/** Words that mean a unit when they follow a number (dropped: `5 \text{ cm}` is `5`). */
export const UNIT_WORDS: ReadonlySet<string> = new Set(
  ("mm cm m km meter meters metre metres centimeter centimeters millimeter millimeters " +
    "kilometer kilometers inch inches in ft foot feet yard yards yd mile miles mi sq square " +
    "cubic unit units degree degrees deg rad radian radians dollar dollars cent cents " +
    "euro euros s sec second seconds min minute minutes h hr hrs hour hours day days week " +
    "weeks month months year years g kg gram grams kilogram kilograms mg lb lbs pound pounds " +
    "oz ounce ounces l ml liter liters litre litres gallon gallons mph kmh km/h m/s cm^2 " +
    "cm^3 m^2 m^3 in^2 ft^2 units^2 people persons students times ways").split(" "),
);

/** Function commands: `\sin x` is `sin((x))`. */
export const FUNCTIONS: ReadonlySet<string> = new Set(
  ("sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh log ln lg exp").split(" "),
);

/** Greek letters, kept as variable names. */
export const GREEK: ReadonlySet<string> = new Set(
  ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa " +
    "lambda mu nu xi rho varrho sigma tau upsilon phi varphi chi psi omega Gamma " +
    "Delta Theta Lambda Xi Sigma Upsilon Phi Psi Omega").split(" "),
);

/** Commands whose argument is kept as it is (text, fonts, accents, boxes). */
export const TEXT_COMMANDS: ReadonlySet<string> = new Set(
  ("text textrm textbf textit textsf texttt textnormal mbox hbox mathrm mathbf " +
    "mathit mathsf mathtt mathbb mathcal mathscr mathfrak boldsymbol bm operatorname " +
    "emph boxed fbox underline overline vec hat bar tilde widehat widetilde").split(" "),
);

/** Environments read as matrices. */
export const MATRIX_ENVS: ReadonlySet<string> = new Set(
  ("pmatrix bmatrix Bmatrix matrix smallmatrix array vmatrix Vmatrix").split(" "),
);

/** Commands replaced by a fixed string (operators, relations, spacing, delimiters). */
export const SIMPLE: Record<string, string> = {
  cdot: "*",
  times: "*",
  ast: "*",
  div: "/",
  pi: " pi ",
  infty: " Infinity ",
  infin: " Infinity ",
  le: "≤",
  leq: "≤",
  leqslant: "≤",
  ge: "≥",
  geq: "≥",
  geqslant: "≥",
  ne: "≠",
  neq: "≠",
  lt: "<",
  gt: ">",
  approx: "=",
  simeq: "=",
  equiv: "=",
  pm: "±",
  mp: "∓",
  cup: "∪",
  cap: "∩",
  setminus: "∖",
  in: "∈",
  ldots: "…",
  dots: "…",
  cdots: "…",
  vdots: "…",
  lbrace: "⦃",
  rbrace: "⦄",
  langle: "(",
  rangle: ")",
  lbrack: "[",
  rbrack: "]",
  quad: " ",
  qquad: " ",
  wedge: " and ",
  land: " and ",
  vee: " or ",
  lor: " or ",
  "{": "⦃",
  "}": "⦄",
  "%": "%",
  "$": "",
  "&": "&",
  "#": "#",
  "_": "_",
  ",": "",
  "!": "",
  ";": " ",
  ":": " ",
  " ": " ",
  "(": "",
  ")": "",
  "[": "",
  "]": "",
  "|": "|",
  "prime": "'",
  circ: "°",
  degree: "°",
  displaystyle: "",
  textstyle: "",
  limits: "",
  nolimits: "",
  left: "",
  right: "",
  big: "",
  Big: "",
  bigg: "",
  Bigg: "",
  bigl: "",
  bigr: "",
  Bigl: "",
  Bigr: "",
  biggl: "",
  biggr: "",
  Biggl: "",
  Biggr: "",
  middle: "",
  therefore: "",
  implies: " ",
  Rightarrow: " ",
  rightarrow: " ",
  to: " ",
  mathstrut: "",
  strut: "",
  cr: ";",
};

/** Unicode characters rewritten as LaTeX before conversion. */
export const UNICODE: Record<string, string> = {
  "−": "-",
  "–": "-",
  "×": "\\times ",
  "·": "\\cdot ",
  "÷": "/",
  "π": "\\pi ",
  "∞": "\\infty ",
  "√": "\\sqrt ",
  "°": "^\\circ ",
  "≤": "\\le ",
  "≥": "\\ge ",
  "≠": "\\ne ",
  "±": "\\pm ",
  "∓": "\\mp ",
  "∪": "\\cup ",
  "∈": "\\in ",
  "…": "\\ldots ",
  "⦃": "",
  "⦄": "",
  "⟦": "",
  "⟧": "",
  "\u00a0": " ",
};
export const UNICODE_RE = /[−–×·÷π∞√°≤≥≠±∓∪∈…⦃⦄⟦⟧\u00a0]/g;
