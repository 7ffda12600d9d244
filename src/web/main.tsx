import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Root } from "./App";
import { watchAccessibility } from "./a11y";
import "./styles.css";

const container = document.getElementById("root");
if (container) {
  watchAccessibility(container);
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
