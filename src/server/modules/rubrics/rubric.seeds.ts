/**
 * The criteria sets shipped with the application, transcribed from /work/shared/domain/RULES.md. Everything
 * RULES.md could not confirm carries `unconfirmed: true`; admins edit or replace the sets (provincial variants,
 * new versions) as data. One file per title under ./seeds.
 */
import type { Rubric } from "../../../shared/rubric";
import { centreRating2017 } from "./seeds/centre-rating";
import { learningCitizenQd677 } from "./seeds/learning-citizen";
import { learningClanQd448 } from "./seeds/learning-clan";
import { learningCommunityCommuneTt25 } from "./seeds/learning-community-commune-tt25";
import { learningCommunityCommuneTt44 } from "./seeds/learning-community-commune-tt44";
import { learningCommunityVillageQd448 } from "./seeds/learning-community-village";
import { learningFamilyQd448 } from "./seeds/learning-family";
import { learningOrganizationQd448 } from "./seeds/learning-organization";
import {
  learningOrganizationTt24District,
  learningOrganizationTt24Province,
} from "./seeds/learning-organization-tt24";

export {
  centreRating2017,
  learningCitizenQd677,
  learningClanQd448,
  learningCommunityCommuneTt25,
  learningCommunityCommuneTt44,
  learningCommunityVillageQd448,
  learningFamilyQd448,
  learningOrganizationQd448,
  learningOrganizationTt24District,
  learningOrganizationTt24Province,
};

export const seedRubrics: Rubric[] = [
  learningFamilyQd448,
  learningClanQd448,
  learningCommunityVillageQd448,
  learningOrganizationQd448,
  learningCommunityCommuneTt44,
  learningCommunityCommuneTt25,
  learningOrganizationTt24District,
  learningOrganizationTt24Province,
  learningCitizenQd677,
  centreRating2017,
];
