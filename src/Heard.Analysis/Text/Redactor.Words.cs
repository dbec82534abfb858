namespace Heard.Analysis.Text;

public static partial class Redactor
{
    // Common given names in the UK, written for this class (not drawn from any register). Names that are also ordinary
    // words ("Will", "May", "Grace") are in AmbiguousNames and need more context to count as names.
    private static readonly HashSet<string> GivenNames = Set("""
        Aaron Abbie Abby Abigail Abimbola Ada Adam Adrian Agnes Agnieszka Ahmad Ahmed Aiden Ailsa Aisha Alan Alasdair Albert
        Aled Aleksandra Alex Alexandra Alfie Alfred Ali Alice Alison Alistair Alun Amanda Amelia Amina Amit Amy Ana Andrei
        Andrew Andrzej Andy Angela Angus Anil Anita Ann Anna Anne Annette Annie Anthony Antonio Anya Aoife Archie Arjun Arthur
        Ashley Asif Audrey Ava Ayesha Barbara Barry Beatrice Becky Bella Ben Benjamin Bernadette Bernard Beryl Beth Bethan
        Bethany Betty Bilal Billy Bobby Brenda Brian Bronwen Bryn Caitlin Caleb Callum Carl Carla Carlos Carly Carole Carys
        Cath Catherine Cathy Cerys Chantelle Charlene Charlie Charlotte Chelsea Chidi Chinedu Chioma Chloe Chris Christina
        Christine Christopher Ciaran Claire Clare Clive Colette Colin Connor Conor Courtney Craig Dafydd Dan Daniel Danielle
        Danny Darren Dave David Debbie Deborah Debra Declan Deepa Deepak Denise Dennis Derek Diane Dianne Dimitri Donald Donna
        Doris Dorothy Dot Doug Douglas Dylan Eddie Edith Edna Edward Efa Eileen Eilidh Elaine Eleanor Elena Elijah Elise
        Elizabeth Ella Ellen Ellie Elliot Elliott Elsie Emeka Emily Emma Emrys Eoin Erin Ernest Ernie Esther Ethan Ethel Euan
        Eva Evelyn Evie Ewa Ewan Farah Fatima Femi Ffion Finley Fiona Folake Fraser Fred Freda Freddie Frederick Freya Funmi
        Gabriel Gareth Gary Geeta Gemma Geoff Geoffrey George Georgia Gethin Giles Gill Gillian Gladys Glen Glenn Gloria
        Gordon Graeme Graham Grzegorz Gurpreet Gwen Hamish Hamza Hannah Harjit Harold Harper Harpreet Harriet Harry Harvey
        Hassan Hattie Hayley Hazel Helen Helena Henry Hilary Hilda Hina Hugh Hugo Hussain Huw Ian Ibrahim Idris Imogen Imran
        Iolo Irene Irina Isaac Isabella Isla Jackie Jacob Jacqueline Jacqui Jake Jakub James Jamie Jane Janet Janice Jasmine
        Jason Jaspreet Jayden Jeanette Jen Jennifer Jenny Jeremy Jess Jessica Jill Jim Jimmy Jo Joan Joanna Joanne Jodie Jody
        Joe Joel Joey John Johnny Jon Jonathan Jordan Jose Joseph Josephine Josh Joshua Josie Joyce Juan Judith Judy Julian
        Julie Justin Kai Kamil Karen Karl Kasia Katarzyna Kate Kath Kathleen Kathryn Katie Kayleigh Keisha Keith Kelly Kelvin
        Kenneth Kerry Kerry-Ann Kevin Khadija Kieran Kim Kirsten Kirsty Kofi Krishna Krzysztof Kuldeep Kwame Kyle Laura Lauren
        Layla Leah Leanne Leila Len Leo Leonard Lesley Leslie Lewis Lexi Liam Lily Linda Lindsay Lindsey Lisa Liz Lizzie Lloyd
        Logan Lorraine Lottie Louis Louise Lowri Luca Lucia Lucy Luis Lukasz Luke Luna Lynn Lynne Mabel Maddie Madison Magda
        Magdalena Maggie Mags Mair Malcolm Mandy Manoj Manpreet Marco Marcus Marek Margaret Maria Mariam Marian Marie Marion
        Marjorie Martin Mary Maryam Mason Matilda Matt Matthew Maureen Megan Mhairi Mia Michael Michal Michelle Mick Miguel
        Mike Millie Miriam Mohamad Mohamed Mohammad Mohammed Mollie Molly Monique Morag Muhammad Muriel Nadia Nancy Naomi
        Natalie Nathan Nazia Neha Neil Ngozi Nia Niall Niamh Nicholas Nicky Nicola Nigel Nikki Nisha Noah Noor Nora Norma Olga
        Oliver Olivia Oluwaseun Omar Oscar Owen Paddy Paige Pam Pamela Patricia Patrick Paul Pauline Pawel Pedro Penelope Pete
        Peter Phil Philip Phoebe Piotr Pooja Poppy Priya Rachel Rahul Raj Rajesh Ramesh Ravi Raymond Rebecca Reece Reuben
        Rhian Rhys Richard Rick Ricky Rita Robbie Robert Roger Rohan Ron Ronald Rory Rosa Rosemary Rosie Ross Roy Rupert Ruth
        Ryan Saima Sam Samantha Sammy Samuel Sana Sandeep Sandra Sanjay Sanjeev Sara Sarah Scott Sean Segun Seren Sergei Seun
        Shane Shanice Shannon Sharon Shaun Sheila Shirley Shona Shreya Sian Sienna Simon Siobhan Sofia Sophia Sophie Stacey
        Stan Stanley Stefan Steph Stephanie Stephen Steve Steven Stuart Sunil Sunita Suresh Susan Susie Sylvia Tanya Tariq Ted
        Teddy Tegan Terence Teresa Terry Theo Theresa Thomas Tilly Tim Timothy Tina Toby Tom Tomasz Tommy Toni Tony Tracey
        Tracy Trevor Trish Tunde Tyler Ursula Val Valerie Vera Vicky Victor Victoria Vijay Vikki Vince Vincent Walter Wayne
        Wendy William Willow Winifred Wojciech Yasmeen Yasmin Yusuf Yvonne Zain Zainab Zara Zoe
        Amber Angel April Art Ash August Autumn Bill Blessing Bob Bobbie Brooke Carol Chase Clay Cliff Comfort Crystal Daisy
        Dale Dawn Dean Destiny Don Drew Ed Eve Faith Florence Frank Gene Grace Grant Guy Harmony Heather Holly Honey Hope
        Hunter Iona Iris Ivy Jack Jade Jan Jasper Jean Joy June Ken Kitty Lance Lee Marina Mark Max May Mercy Miles Misty
        Neville Nick Norman Pat Patience Pearl Penny Precious Ray Rich Rob Robin Rose Rowan Ruby Rusty Sage Sandy Sky Star Sue
        Summer Sunny Violet Wade Will
        """);

    private static readonly HashSet<string> AmbiguousNames = Set("""
        Amber Angel April Art Ash August Autumn Bill Blessing Bob Bobbie Brooke Carol Chase Clay Cliff Comfort Crystal Daisy
        Dale Dawn Dean Destiny Don Drew Ed Eve Faith Florence Frank Gene Grace Grant Guy Harmony Heather Holly Honey Hope
        Hunter Iona Iris Ivy Jack Jade Jan Jasper Jean Joy June Ken Kitty Lance Lee Marina Mark Max May Mercy Miles Misty
        Neville Nick Norman Pat Patience Pearl Penny Precious Ray Rich Rob Robin Rose Rowan Ruby Rusty Sage Sandy Sky Star Sue
        Summer Sunny Violet Wade Will
        """);

    private static readonly HashSet<string> StrongTitles = Set("Mr Mrs Ms Miss Mx Dr Prof Professor Sr Sir Dame Rev Revd Fr");

    /// <summary>Staff roles and relations that come before or after a name: "the nurse Sarah", "Tom the porter", "my son Jack".</summary>
    private static readonly HashSet<string> RoleWords = Set("""
        nurse nurses sister matron midwife doctor doc consultant surgeon physio physiotherapist porter receptionist
        paramedic registrar anaesthetist anesthetist pharmacist radiographer sonographer phlebotomist therapist
        dietitian chaplain volunteer cleaner carer student hca manager housekeeper specialist practitioner assistant
        worker lady man gentleman guy girl woman chap fella bloke lad brother cousin father dad mum mother son
        daughter husband wife partner friend neighbour colleague auntie aunt uncle nan nana grandad granny grandma
        grandson granddaughter gp psychiatrist psychologist counsellor optometrist dentist technician officer houseman
        junior medic baby grandchild boyfriend girlfriend fiance fiancee optician orderly steward stewardess
        """);

    /// <summary>Capitalised words that are not names: they stop a name, and a cue followed by one of them names nobody.</summary>
    private static readonly HashSet<string> CommonWords = Set("""
        X-ray X-rays
        Contact Tell Ask Ring Phone Email Text Call Thank Please Inform Let Praise Send Write Visit Check Book Cancel Chase
        I I'm I've I'd I'll Im Ive Me My Mine Myself We We're We've Us Our Ours You You're You've Your Yours He He's
        Him His She She's Her Hers They They're They've Them Their It It's Its This That That's These Those There
        There's Here Here's What What's When Where Why How Who Whom Which Whose Whoever The A An And But Or Nor So Yet
        Because As If Then Than Also Although Though However Overall Anyway Anyhow Thanks Thank Thankyou Please Well
        Very Really Just Only Not No Yes Yeah All Everyone Everybody Everything Nobody Nothing Someone Somebody
        Something Anyone Anybody Anything None Some Any Each Every Other Others Another Both Either Neither Such Same
        Own Many Much More Most Less Least Few Lot Lots Quite Too Rather Fairly Pretty Extremely Absolutely Definitely
        Certainly Totally Completely Honestly Personally Sadly Unfortunately Fortunately Luckily Hopefully Obviously
        Clearly Generally Again Still Never Always Sometimes Often Usually Even Once Twice Already Soon Later Now
        Today Tomorrow Yesterday Tonight Morning Afternoon Evening Night Nights Day Days Week Weeks Month Months Year
        Years Time Times Hour Hours Minute Minutes After Before During Since Until Till From To In On At By For Of
        With Without About Into Onto Over Under Above Below Between Through Throughout Around Across Along Behind
        Beside Near Off Out Up Down Upon Within Via Per Plus Except Despite Apart Instead Whilst While Is Was Were Are
        Am Be Been Being Had Has Have Having Do Did Does Doing Done Don't Didn't Doesn't Wasn't Weren't Isn't Aren't
        Haven't Hasn't Hadn't Can Can't Cannot Could Couldn't Would Wouldn't Should Shouldn't Must Might Shall Went Go
        Goes Going Gone Got Get Gets Getting Made Make Makes Making Felt Feel Feels Feeling Need Needed Needs Wait
        Waited Waiting Seen Saw See Seeing Said Say Says Told Tell Asked Ask Called Call Came Come Coming Took Take
        Taken Given Gave Give Let Keep Kept Put Help Helped Helping Treated Explained Listened Understood Knew Know
        Known Think Thought Want Wanted Like Liked Love Loved Found Left Stayed Tried Try Looked Look Looking Arrived
        Discharged Admitted Booked Cancelled Rang Sorry Shame Pity Great Good Better Best Excellent Lovely Amazing
        Brilliant Fantastic Kind Kindly Caring Friendly Professional Helpful Polite Rude Slow Quick Quickly Fast Poor
        Bad Terrible Awful Wonderful Perfect Ok Okay Fine Nice Happy Sad Unhappy Disappointed Superb Outstanding Fab
        Fabulous Marvellous Impressed Grateful Thankful Clean Dirty Cold Hot Warm Busy Quiet Noisy Calm Hi Hello Dear
        Regards Cheers Wishes First Last Next New Old Whole Main Big Small Real Sure True Full Free Extra Special
        Staff Team Teams Nurse Nurses Doctor Doctors Docs Sister Matron Midwife Midwives Reception Receptionist
        Receptionists Consultant Consultants Surgeon Surgeons Porter Porters Physio Physios Physiotherapy Hospital
        Hospitals Ward Wards Unit Units Clinic Clinics NHS GP GPs Emergency Department Surgery Pharmacy Pharmacist
        Radiology Outpatients Outpatient Inpatient Maternity Paediatrics Paeds Orthopaedics Ortho Cardiology Oncology
        Dermatology Urology Neurology Gynaecology Endoscopy Ophthalmology Audiology Renal Dialysis Haematology
        Respiratory Stroke Fracture Trauma Resus Minors Majors Triage Discharge Admission Admissions Operation Op
        Procedure Treatment Scan Scans Test Tests Results Blood Bloods Pain Medication Meds Tablets Drip Cannula
        Injection Vaccine Covid Corona Coronavirus Mask Masks Mum Mom Mummy Dad Daddy Mother Father Wife Husband Son
        Daughter Nan Nana Nanna Gran Granny Grandad Granddad Grandma Grandpa Baby Partner Brother Auntie Aunt Uncle
        Cousin Friend Family Children Child Kids Kid Sir Madam Ma'am Lady Gentleman Man Woman Girl Boy God Lord Jesus
        Christmas Easter Ramadan Eid Diwali Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed
        Thu Thurs Fri Sat Sun Weekend January February March July September October November December Jan Feb Mar Apr
        Jun Jul Aug Sep Sept Oct Nov Dec English British Polish Scottish Welsh Irish Asian Black White Muslim
        Christian Jewish Hindu Sikh European African Indian Pakistani Bengali Urdu Punjabi Arabic Romanian Portuguese
        Spanish French Italian Chinese Somali Turkish Kurdish Lithuanian Practitioner Practice Manager Managers
        Assistant Assistants Healthcare Health Care Support Worker Workers Student Students Registrar Junior Juniors
        Senior Specialist Specialists Patient Patients Visitor Visitors Parking Car Cars Food Meal Meals Menu Kitchen
        Canteen Cafe Shop Coffee Tea Water Lunch Dinner Breakfast Supper Bed Beds Bay Bays Room Rooms Toilet Toilets
        Bathroom Shower Lift Lifts Entrance Exit Signage Signs Appointment Appointments Letter Letters Phone Phones
        Email Text Texts Website App Online Service Services Trust Centre Dentist Optician Therapist Therapists HCA
        HCAs Anaesthetist Radiographer Sonographer Phlebotomist Dietitian Chaplain Volunteer Volunteers Cleaner
        Cleaners Security Paramedic Paramedics Ambulance Ambulances Crew Everyone's Mr Mrs Ms Miss Dr Prof Professor
        Sincerely Faithfully Signed Xx Xxx PS Re Ref Note Notes Update Feedback Comment Comments Question Questions
        Answer Answers Survey Complaint Complaints Compliment Compliments Issue Issues Problem Problems Experience
        Communication Information Info Attitude Dignity Respect Privacy Cleanliness Hygiene List Lists Queue Queues
        Delay Delays Home Work School House Town City Country London England Scotland Wales Britain UK Europe Google
        Facebook Twitter Macmillan Thx Ta Lol Omg Btw Fyi Asap Etc Ie Eg Pm Mid Early Late Lately Recently Previously
        Initially Finally Eventually Basically Literally Actually Simply Especially Particularly Including Mostly
        Nearly Almost Stop Start Started Stopped Several Everything's Nothing's Welcome Welcomed Reassured Reassuring
        Informative Efficient Organised Disorganised Chaotic Understaffed Overworked Short Long Longer Longest Quicker
        Easy Easier Difficult Hard Simple Safe Unsafe Right Wrong Top Bottom Front Back Side Inside Outside North
        South East West Central General Royal District County Community Private Public Local National Regional
        Accident Walk Urgent Clinical Medical Mental Physical Surgical Case Nil Bless Blessed Stay Proud
        """);

    /// <summary>A capitalised run ending in one of these is a place: "Rose Ward", "Florence Nightingale Unit".</summary>
    private static readonly HashSet<string> PlaceWords = Set("""
        Ward Wards Unit Units Suite Wing Centre Center Hospital Infirmary Clinic Building Block Department Dept Lounge
        Theatre Theatres Room Road Street Avenue Crescent Terrace Hospice Practice Surgery Floor Level Bay Annexe
        Pavilion Trust General Health Medical Memorial Community Campus School College University Garden Gardens
        """);

    /// <summary>A name after one of these is a place: "St Mary's", "Queen Elizabeth", "Princess Alexandra".</summary>
    private static readonly HashSet<string> PlacePrefixes = Set("St Saint Queen Queens King Kings Prince Princess Royal Lady Mount");

    /// <summary>"Sarah on reception", "Jo at the front desk", "Tom from pharmacy".</summary>
    private static readonly HashSet<string> DeskWords = Set("""
        reception desk front switchboard phone phones pharmacy ward wards nights days lates earlies dispensary triage
        x-ray radiology till counter door gate entrance bay shift admin helpline station office frontdesk theatre
        theatres recovery outpatients maternity
        """);

    /// <summary>Verbs that make a given name at the start of a sentence, or one that is also a word, a person: "Will was lovely".</summary>
    private static readonly HashSet<string> NameVerbs = Set("""
        was is were did made helped looked came took gave went explained listened treated told said asked kept showed
        stayed sorted saw checked spoke has had always really also even who will deserves deserve needs goes does knew
        understood cared reassured noticed found called rang brought arranged organised organized got managed tried
        put answered greeted welcomed makes helps works worked held sat walked dealt ensured could would didn't wasn't
        isn't looks saved washed fed comes stays sings listens explains
        """);

    /// <summary>Verbs for what a person does, enough on their own after an unknown capitalised word.</summary>
    private static readonly HashSet<string> PersonVerbs = Set("""
        helped explained listened treated told said asked kept showed stayed sorted saw checked spoke deserves deserve
        reassured noticed rang brought arranged organised organized managed tried answered greeted welcomed helps works
        worked held sat walked dealt ensured washed fed sings listens explains cared understood smiled laughed introduced
        who
        """);

    /// <summary>What "was" is followed by when it describes a person: "Will was amazing", "Anneka was so kind".</summary>
    private static readonly HashSet<string> PersonAdjectives = Set("""
        lovely kind rude amazing brilliant fantastic wonderful helpful unhelpful caring friendly polite patient professional
        excellent great dismissive reassuring attentive gentle fab fabulous superb outstanding marvellous sweet funny
        compassionate knowledgeable thorough abrupt arrogant condescending lovely angel star amazing incredible awesome
        approachable understanding supportive efficient
        """);

    private static readonly HashSet<string> Intensifiers = Set("very so really extremely absolutely super incredibly just truly such an a");

    private static HashSet<string> Set(string words) =>
        new(words.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);
}
